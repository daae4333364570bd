"""axe-core (vendored: tests/browser/vendor/axe.min.js, axe-core 4.14.1 from the npm registry,
MPL-2.0, licence beside it) on every page and state a candidate meets, on a laptop and on a
phone, in the light and the dark scheme: no critical and no serious violation.

The contexts bypass the page's Content-Security-Policy only so that axe's source can be put into
the page; the pages themselves are those users get."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Status
from tests.conftest import PASSWORD, grade_all, make_question, make_session, make_topic, make_user

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
SERIOUS = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}"""
# Every display equation wider than its column has been made reachable by keyboard (math.js).
EQUATIONS_READY = """() => [...document.querySelectorAll(".math.block")].every(
  (el) => el.dataset.typeset && (el.scrollWidth <= el.clientWidth + 1 || el.tabIndex === 0))"""
WIDE_EQUATION = (
    "The loss:\n\n$$\nL(w) = \\frac{1}{n}\\sum_{i=1}^{n} \\left(y_i - w^\\top x_i\\right)^2"
    " + \\lambda_1 \\sum_{j=1}^{p} |w_j| + \\lambda_2 \\sum_{j=1}^{p} w_j^2 + \\gamma \\lVert w \\rVert_\\infty\n$$\n"
)

VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}


def violations(page) -> list[str]:
    page.wait_for_function(EQUATIONS_READY)
    page.evaluate(AXE)
    return page.evaluate(SERIOUS)


@pytest.fixture
def world(db):
    topic = make_topic("regularization", "Regularization")
    questions = [
        make_question(
            "elastic-net", prompt="What does the elastic net add to lasso?", topic=topic, model_answer=WIDE_EQUATION
        ),
        make_question("roc-curve", topic=make_topic("model-evaluation", "Model evaluation", position=1)),
        make_question("p-values", prompt="What is a p-value?", topic=topic),
    ]
    user = make_user("quinn")
    make_user("newbie")
    started = timezone.now() - timedelta(days=3)
    graded = make_session(
        user, questions, started_at=started, answers={1: "Sparse.", 2: "TPR vs FPR."}, status=Status.SUBMITTED
    )
    grade_all(graded, grade=3)
    to_grade = make_session(user, questions, answers={1: "An answer", 3: "Another"}, status=Status.SUBMITTED)
    return {"questions": questions, "graded": graded, "to_grade": to_grade}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))
def test_no_page_or_state_has_a_serious_or_critical_violation(live_server, browser, world, viewport, scheme):
    found: dict[str, list[str]] = {}
    url = live_server.url

    def check(page, name: str) -> None:
        if problems := violations(page):
            found[name] = problems

    def context():
        return browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, bypass_csp=True)

    # A visitor: the landing page, sign-up with every error, the public bank and a question.
    visitor = context()
    page = visitor.new_page()
    page.goto(f"{url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Practise data-science interviews")
    check(page, "landing")
    page.goto(f"{url}/accounts/signup/")
    page.get_by_label("Username").fill("quinn")
    page.get_by_label("Email (optional)").fill("not-an-email")
    page.get_by_label("Password", exact=True).fill("12345678")
    page.get_by_label("Password again").fill("1234567")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("things to fix")).to_be_visible()
    check(page, "sign-up with errors")
    page.goto(f"{url}/questions/")
    expect(page.get_by_role("heading", name="Question bank")).to_be_visible()
    check(page, "bank (visitor)")
    page.goto(f"{url}/questions/elastic-net/")
    expect(page.get_by_text("Sign up to see the model answer and practise.")).to_be_visible()
    check(page, "question (visitor)")
    visitor.close()

    def logged_in(username: str):
        ctx = context()
        page = ctx.new_page()
        page.goto(f"{url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{url}/")
        return ctx, page

    # A new user: the empty dashboard, the start page, then an interview with its dialog.
    ctx, page = logged_in("newbie")
    expect(page.get_by_role("heading", name="Your progress will show here")).to_be_visible()
    check(page, "dashboard (empty)")
    page.goto(f"{url}/interviews/start/")
    expect(page.get_by_text("The clock starts as soon as you click")).to_be_visible()
    check(page, "start")
    page.get_by_role("button", name="Quick").click()
    expect(page.locator("#question-heading")).to_be_visible()
    check(page, "interview")
    page.get_by_role("button", name="Exit…").click()
    expect(page.get_by_role("link", name="Keep answering").last).to_be_focused()
    check(page, "interview, abandon dialog")
    ctx.close()

    # A user with history: dashboard, bank (answered badges), question, review (being graded and
    # scored, with its missed key points), history, past session, settings.
    ctx, page = logged_in("quinn")
    expect(page.get_by_role("heading", name="Mean grade per topic")).to_be_visible()
    check(page, "dashboard (full)")
    pages = [
        ("bank", "/questions/", "Question bank"),
        ("question", "/questions/elastic-net/", "What does the elastic net add to lasso?"),
        ("review", f"/interviews/{world['to_grade'].pk}/review/", "Review your interview"),
        ("review, scored", f"/interviews/{world['graded'].pk}/review/", "Review your interview"),
        ("history", "/interviews/history/", "History"),
        ("past session", f"/interviews/history/{world['graded'].pk}/", "Session of"),
        ("question history", "/interviews/history/questions/elastic-net/", "Your answers over time"),
        ("settings", "/accounts/settings/", "Account settings"),
    ]
    for name, path, heading in pages:
        page.goto(f"{url}{path}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check(page, name)
    ctx.close()

    assert found == {}
