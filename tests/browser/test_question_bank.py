from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_question, make_topic, make_user


def make_bank():
    evaluation = make_topic("model-evaluation", "Model evaluation", position=1)
    deep = make_topic("deep-learning", "Deep learning", position=2)
    make_question(slug="roc-curve", topic=evaluation)
    make_question(slug="dropout", prompt="What does dropout do to training speed?", topic=deep, difficulty="easy")
    make_question(
        slug="l1-vs-l2",
        prompt="What are L1 and L2 regularization?",
        topic=deep,
        model_answer="The lasso adds $\\lambda \\sum_j |w_j|$:\n\n$$\nL(w) + \\lambda \\lVert w \\rVert_1\n$$",
    )


def test_typing_in_the_search_box_narrows_the_list_without_a_page_load(live_server, page, login, db):
    make_user("ivy")
    make_bank()
    login(page, "ivy", PASSWORD)
    page.goto(f"{live_server.url}/questions/")
    items = page.locator(".bank-item")
    expect(items).to_have_count(3)
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Search").press_sequentially("dropout", delay=30)
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("What does dropout do to training speed?")
    expect(page).to_have_url(f"{live_server.url}/questions/?q=dropout")
    assert page.evaluate("window.stillTheSamePage") is True

    page.get_by_label("Search").fill("nothing matches this")
    expect(page.get_by_role("heading", name="No questions match")).to_be_visible()
    page.get_by_role("link", name="Clear filters and show all questions").click()
    expect(items).to_have_count(3)

    page.go_back()
    expect(page.get_by_role("heading", name="No questions match")).to_be_visible()


def test_choosing_a_difficulty_filters_the_list(live_server, page, login, db):
    make_user("jon")
    make_bank()
    login(page, "jon", PASSWORD)
    page.goto(f"{live_server.url}/questions/")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Difficulty").select_option("easy")
    expect(page.locator(".bank-item")).to_have_count(1)
    expect(page).to_have_url(f"{live_server.url}/questions/?difficulty=easy")
    assert page.evaluate("window.stillTheSamePage") is True


def test_math_in_a_model_answer_is_typeset_by_katex(live_server, page, login, db):
    make_user("kim")
    make_bank()
    login(page, "kim", PASSWORD)
    page.goto(f"{live_server.url}/questions/l1-vs-l2/")
    page.get_by_text("Show model answer").click()
    expect(page.locator(".math.inline .katex")).to_have_count(1)
    expect(page.locator(".math.block .katex-display")).to_have_count(1)
    expect(page.get_by_role("heading", name="Key points")).to_be_visible()
    expect(page.get_by_text("You have not answered this question yet.")).to_be_visible()
