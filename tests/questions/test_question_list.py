"""/questions/: the bank with counts per topic, filters, search, and the htmx results."""

import pytest

from tests.conftest import log_in_queries, make_question, make_topic

URL = "/questions/"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def bank(db):
    evaluation = make_topic("model-evaluation", "Model evaluation", position=1)
    deep = make_topic("deep-learning", "Deep learning", position=2)
    make_topic("sequence-models", "Sequence models", position=3)  # no questions: not listed
    make_question(slug="roc-curve", topic=evaluation, difficulty="medium")
    make_question(
        slug="precision-recall",
        prompt="When is a precision-recall curve better than ROC?",
        topic=evaluation,
        difficulty="hard",
        model_answer="Under heavy class imbalance the PR curve shows what ROC hides.",
        key_points=(
            "Precision ignores true negatives",
            "Average precision summarizes the curve",
            "Baseline is prevalence",
        ),
    )
    make_question(
        slug="dropout",
        prompt="What does dropout do?",
        topic=deep,
        difficulty="easy",
        model_answer="It zeroes random activations during training; at inference it is switched off.",
        key_points=("Inverted dropout rescales at training time", "More epochs to converge", "No cost at prediction"),
    )
    make_question(slug="retired", prompt="An old retired question about ROC", topic=deep, is_active=False)


def slugs(response) -> list[str]:
    return [question.slug for question in response.context["questions"]]


def test_it_lists_active_questions_with_counts_per_topic(alice_client, bank):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert slugs(response) == ["roc-curve", "precision-recall", "dropout"]
    assert [(topic.slug, topic.matching) for topic in response.context["topics"]] == [
        ("model-evaluation", 2),
        ("deep-learning", 1),
    ]
    assert 'All topics <span class="count">3</span>' in response.text
    assert 'href="/questions/dropout/"' in response.text
    assert "An old retired question" not in response.text


def test_it_filters_by_topic_and_keeps_the_other_topics_counts(alice_client, bank):
    response = alice_client.get(URL, {"topic": "deep-learning"})
    assert slugs(response) == ["dropout"]
    assert response.context["selected_topic"].slug == "deep-learning"
    assert '<option value="deep-learning" selected>' in response.text
    assert "1 question matches your filters" in response.text


def test_it_filters_by_difficulty(alice_client, bank):
    response = alice_client.get(URL, {"difficulty": "hard"})
    assert slugs(response) == ["precision-recall"]
    assert [(topic.slug, topic.matching) for topic in response.context["topics"]] == [("model-evaluation", 1)]
    assert '<option value="hard" selected>' in response.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ROC", ["roc-curve", "precision-recall"]),  # prompts, any case
        ("shows what ROC hides", ["precision-recall"]),  # model answer, every word
        ("INVERTED", ["dropout"]),  # key points
        ("true positive rate", ["roc-curve"]),  # a key point of the default question
        ("  zeroes   inference ", ["dropout"]),
    ],
)
def test_it_searches_prompts_model_answers_and_key_points(alice_client, bank, text, expected):
    response = alice_client.get(URL, {"q": text})
    assert slugs(response) == expected


def test_search_and_filters_combine(alice_client, bank):
    response = alice_client.get(URL, {"q": "roc", "topic": "model-evaluation", "difficulty": "medium"})
    assert slugs(response) == ["roc-curve"]


def test_an_empty_result_says_so_and_links_to_clear_the_filters(alice_client, bank):
    response = alice_client.get(URL, {"q": "quaternion"})
    assert slugs(response) == []
    assert "No questions match “quaternion”" in response.text
    assert (
        '<a class="button button-secondary" href="/questions/">Clear filters and show all questions</a>'
        in response.text
    )


def test_an_empty_bank_says_how_to_load_it(alice_client, db):
    response = alice_client.get(URL)
    assert "The question bank is empty" in response.text
    assert "import_questions" in response.text


ALL = ["roc-curve", "precision-recall", "dropout"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"topic": "no-such-topic"}, ALL),
        ({"difficulty": "impossible"}, ALL),
        ({"topic": "'; DROP TABLE questions_question; --"}, ALL),
        ({"q": "x" * 500}, ALL),  # longer than the form allows: ignored, not searched
        ({"topic": ["a", "b"], "difficulty": ""}, ALL),
        # Valid, and searched as the literal characters: LIKE wildcards must not match everything.
        ({"q": "%_\\"}, []),
    ],
)
def test_invalid_filter_values_are_ignored_not_an_error(alice_client, bank, params, expected):
    response = alice_client.get(URL, params)
    assert response.status_code == 200
    assert slugs(response) == expected


def test_an_invalid_topic_shows_all_topics_and_a_long_search_is_kept_in_the_box(alice_client, bank):
    response = alice_client.get(URL, {"topic": "no-such-topic", "q": "y" * 300})
    assert slugs(response) == ["roc-curve", "precision-recall", "dropout"]
    assert f'value="{"y" * 300}"' in response.text


def test_htmx_gets_only_the_results(alice_client, bank):
    response = alice_client.get(URL, {"q": "dropout"}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    # No filter form (each question's "Practise now" is a form of its own).
    assert "<html" not in response.text and 'class="bank-filters' not in response.text
    assert 'href="/questions/dropout/"' in response.text
    assert "roc-curve" not in response.text


def test_htmx_history_restore_gets_the_whole_page(alice_client, bank):
    response = alice_client.get(URL, {"q": "dropout"}, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.text


def test_the_search_box_updates_the_results_as_the_user_types(alice_client, bank):
    response = alice_client.get(URL)
    assert 'hx-trigger="input changed delay:300ms, search"' in response.text
    assert 'hx-push-url="true"' in response.text
    assert 'hx-target="#results"' in response.text
    assert 'method="get" action="/questions/"' in response.text


def test_topic_links_keep_the_search_and_difficulty(alice_client, bank):
    response = alice_client.get(URL, {"q": "roc", "difficulty": "hard"})
    assert 'href="?q=roc&amp;difficulty=hard&amp;topic=model-evaluation"' in response.text


def test_it_rejects_post(alice_client, bank):
    assert alice_client.post(URL).status_code == 405


def test_a_visitor_browses_the_topics_and_prompts_without_an_account(client, bank):
    response = client.get(URL)
    assert response.status_code == 200
    assert "What is the ROC curve and when should you use it?" in response.text
    assert 'href="/accounts/signup/' in response.text


def test_the_number_of_queries_does_not_grow_with_the_bank(alice_client, bank, django_assert_num_queries):
    alice_client.get(URL)  # warm up the session and the user
    # Log-in, then counts per topic, topics, questions, the user's review cards and
    # answered questions.
    with django_assert_num_queries(log_in_queries() + 5):
        alice_client.get(URL, {"q": "roc curve", "difficulty": "medium"})
    make_question(slug="another", topic=make_topic("deep-learning"))
    with django_assert_num_queries(log_in_queries() + 5):
        alice_client.get(URL, {"q": "roc curve", "difficulty": "medium"})


def test_topics_are_grouped_by_area_with_counts(alice_client, bank):
    from questions.models import Area, Topic

    Topic.objects.filter(slug="deep-learning").update(area=Area.DEEP_LEARNING)
    response = alice_client.get(URL)
    areas = [(area.label, area.matching, [topic.slug for topic in area.topics]) for area in response.context["areas"]]
    assert areas == [("Machine learning", 2, ["model-evaluation"]), ("Deep learning", 1, ["deep-learning"])]
    assert 'Deep learning <span class="count">1</span>' in response.text


def test_it_filters_by_area_and_by_kind(alice_client, bank):
    from questions.models import Area, Question, Topic

    Topic.objects.filter(slug="deep-learning").update(area=Area.DEEP_LEARNING)
    Question.objects.filter(slug="roc-curve").update(kind="calculation")
    assert slugs(alice_client.get(URL, {"area": "deep-learning"})) == ["dropout"]
    response = alice_client.get(URL, {"kind": "calculation"})
    assert slugs(response) == ["roc-curve"]
    assert '<option value="calculation" selected>' in response.text
    assert "1 question matches your filters" in response.text
    # An unknown area or kind is ignored, never an error page.
    assert slugs(alice_client.get(URL, {"area": "astrology", "kind": "poem"})) == [
        "roc-curve",
        "precision-recall",
        "dropout",
    ]
