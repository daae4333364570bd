"""A question's page: prompt, time, the model answer behind <details>, and past answers."""

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import make_question, make_session, make_topic, make_user

HTMX = {"HX-Request": "true"}


class ElementCollector(HTMLParser):
    """Every element of a piece of HTML, with its attributes, as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


MALICIOUS = """\
Fine text, then <script>alert("answer")</script> and
<img src=x onerror="alert('img')"> and [a link](javascript:alert('link')) and
<a href="#" onclick="alert('click')">click</a> <svg onload=alert(1)>.
"""


@pytest.fixture
def question(db):
    return make_question(
        slug="l1-vs-l2",
        prompt="What are L1 and L2 regularization?",
        topic=make_topic("regularization", "Regularization"),
        difficulty="hard",
        suggested_minutes=4,
        model_answer="The penalty $\\lambda \\lVert w \\rVert_1$ makes **sparse** weights.\n\n$$\nw^2\n$$\n",
        key_points=("L1 gives sparse weights", "L2 shrinks smoothly", "Elastic net mixes both"),
        common_mistakes="- Mixing up the *loss* and the penalty.",
    )


def test_it_shows_the_prompt_topic_difficulty_and_time(alice_client, question):
    response = alice_client.get("/questions/l1-vs-l2/")
    assert response.status_code == 200
    text = response.text
    assert "What are L1 and L2 regularization?" in text
    assert "Regularization" in text and "Hard" in text
    assert "about 4 minutes" in text


def test_the_model_answer_key_points_and_mistakes_are_behind_show_model_answer(alice_client, question):
    text = alice_client.get("/questions/l1-vs-l2/").text
    details = text[text.index('<details class="model-answer') : text.index("</details>")]
    assert "<summary>Show model answer</summary>" in details
    assert "<strong>sparse</strong>" in details
    assert "<li>L1 gives sparse weights</li>" in details
    assert "<em>loss</em>" in details
    assert '<details class="model-answer card" open' not in text


def test_math_is_left_for_katex_which_the_page_loads(alice_client, question):
    text = alice_client.get("/questions/l1-vs-l2/").text
    assert '<span class="math inline">\\lambda \\lVert w \\rVert_1</span>' in text
    assert '<div class="math block">' in text
    assert re.search(r'<link rel="stylesheet" href="/static/vendor/katex/katex\.min\.\w+\.css">', text)
    assert re.search(r'<script src="/static/vendor/katex/katex\.min\.\w+\.js" defer>', text)
    assert re.search(r'<script src="/static/js/math\.\w+\.js" defer>', text)


def test_past_answers_load_with_htmx_and_have_a_plain_link(alice_client, question):
    text = alice_client.get("/questions/l1-vs-l2/").text
    assert 'hx-get="/interviews/history/questions/l1-vs-l2/" hx-trigger="load"' in text
    assert '<a href="/interviews/history/questions/l1-vs-l2/">' in text


def test_a_malicious_model_answer_renders_no_executable_script(alice_client, db):
    make_question(slug="evil", model_answer=MALICIOUS, common_mistakes=MALICIOUS)
    response = alice_client.get("/questions/evil/")
    assert response.status_code == 200
    elements = ElementCollector()
    elements.feed(response.text.split("<main", 1)[1].split("</main>")[0])
    assert "script" not in {tag for tag, _ in elements.found}
    assert "img" not in {tag for tag, _ in elements.found} and "svg" not in {tag for tag, _ in elements.found}
    for tag, attributes in elements.found:
        for name, value in attributes:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
    # What the author wrote is still there, as harmless text.
    assert "&lt;script&gt;" in response.text


def test_an_unknown_question_is_a_404(alice_client, db):
    assert alice_client.get("/questions/no-such-question/").status_code == 404


def test_a_retired_question_is_a_404_for_users_but_visible_to_staff(client, db):
    make_question(slug="retired", is_active=False)
    client.force_login(make_user("carol"))
    assert client.get("/questions/retired/").status_code == 404
    client.force_login(make_user("dave", is_staff=True))
    response = client.get("/questions/retired/")
    assert response.status_code == 200
    assert "Retired" in response.text


def test_it_rejects_post(alice_client, question):
    assert alice_client.post("/questions/l1-vs-l2/").status_code == 405


def test_a_visitor_reads_the_prompt_but_signs_up_for_the_model_answer_and_key_points(client, question):
    response = client.get("/questions/l1-vs-l2/")
    assert response.status_code == 200
    text = response.text
    assert "What are L1 and L2 regularization?" in text
    assert "Sign up to see the model answer and practise." in text
    assert 'href="/accounts/signup/?next=/questions/l1-vs-l2/"' in text
    for hidden in ("sparse", "L1 gives sparse weights", "Mixing up", "Your past answers"):
        assert hidden not in text


def test_an_htmx_request_gets_the_same_page(alice_client, question):
    # Nothing on the page is swapped by itself; a boosted or htmx link still gets a full page.
    response = alice_client.get("/questions/l1-vs-l2/", headers=HTMX)
    assert response.status_code == 200
    assert "Show model answer" in response.text


def test_it_links_to_the_previous_and_next_question_in_bank_order(alice_client, db):
    topic = make_topic("statistics")
    for slug in ("a1", "b2", "c3"):
        make_question(slug=slug, prompt=f"About {slug}?", topic=topic)
    make_question(slug="retired", topic=topic, is_active=False)
    text = alice_client.get("/questions/b2/").text
    assert '<a class="pager-previous" href="/questions/a1/" rel="prev">' in text
    assert '<a class="pager-next" href="/questions/c3/" rel="next">' in text
    text = alice_client.get("/questions/c3/").text
    assert 'rel="next"' not in text and 'href="/questions/retired/"' not in text


def test_the_model_answer_stays_hidden_while_the_question_is_asked_in_my_interview(alice_client, user, question):
    session = make_session(user, questions=[question])
    text = alice_client.get("/questions/l1-vs-l2/").text
    assert "sparse" not in text
    assert "model answer stays hidden until you finish" in text
    assert f'href="/interviews/{session.pk}/"' in text

    session.abandon()
    assert "<strong>sparse</strong>" in alice_client.get("/questions/l1-vs-l2/").text


def test_the_model_answer_opens_with_its_headline_and_ends_with_follow_up_questions(alice_client, question):
    from questions.models import Question

    Question.objects.filter(pk=question.pk).update(
        kind="concept",
        headline="L1 zeroes weights out; L2 shrinks them all.",
        follow_ups=["When would you pick elastic net?", "What happens with <b>correlated</b> features?"],
    )
    text = alice_client.get(question.get_absolute_url()).text
    assert "<strong>In short:</strong> L1 zeroes weights out; L2 shrinks them all." in text
    assert "What an interviewer asks next" in text
    assert "<li>When would you pick elastic net?</li>" in text
    assert "&lt;b&gt;correlated&lt;/b&gt;" in text
    assert text.index("In short:") < text.index("sparse") < text.index("What an interviewer asks next")
    assert '<span class="badge badge-kind">Concept</span>' in text


def test_a_question_without_headline_or_follow_ups_shows_neither_heading(alice_client, question):
    text = alice_client.get(question.get_absolute_url()).text
    assert "In short:" not in text and "What an interviewer asks next" not in text
