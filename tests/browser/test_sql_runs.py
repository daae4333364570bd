import re

from playwright.sync_api import expect

from sessions.models import Answer
from tests.conftest import PASSWORD, make_sql_question, make_user

QUERY = """SELECT u.user_id, u.name
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.user_id AND o.status = 'completed'
WHERE o.order_id IS NULL"""


def test_a_sql_round_run_the_query_see_the_table_submit_and_see_the_match(live_server, page, login, db):
    make_sql_question()
    make_user("alice")
    login(page, "alice", PASSWORD)
    page.goto(f"{live_server.url}/interviews/start/")
    page.get_by_label("Number of questions").fill("1")
    page.get_by_label("Total minutes").fill("5")
    page.get_by_role("button", name="Start the interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+/$"))
    expect(page.get_by_text("8 rows, the first 5 shown")).to_be_visible()

    editor = page.get_by_label(re.compile("^Your query"))
    expect(editor).to_have_attribute("data-sql-editor", "ready")
    editor.fill(QUERY)
    # Tab indents inside the editor instead of leaving it.
    editor.press("End")
    editor.press("Enter")
    editor.press("Tab")
    editor.press_sequentially("ORDER BY u.user_id")
    expect(editor).to_have_value(QUERY + "\n  ORDER BY u.user_id")
    expect(editor).to_be_focused()

    page.get_by_role("button", name=re.compile("^Run")).click()
    result = page.locator("#sql-result")
    expect(result).to_contain_text("4 rows")
    expect(result.locator("td")).to_have_text(["2", "Ben", "4", "Dara", "6", "Fay", "7", "Gus"])
    expect(result).to_contain_text("Run 1 time on this question.")
    expect(page.locator("#timer-clock")).to_have_text(re.compile(r"^[0-4]:\d\d$"))

    # An error is shown in its place; Ctrl+Enter runs too.
    editor.press("Control+End")
    editor.press_sequentially(" DESCC")
    editor.press("Control+Enter")
    expect(result.locator(".sql-error")).to_have_text('near "DESCC": syntax error')
    editor.press("Backspace")
    editor.press("Backspace")
    editor.press("Backspace")
    editor.press("Backspace")
    editor.press("Backspace")
    editor.press("Backspace")
    # Saved: the status line may say so while a newer edit waits its turn, so ask the server.
    page.wait_for_function(
        """async ([url, text]) => {
            const reply = await fetch(url, {headers: {Accept: "application/json"}});
            return reply.ok && (await reply.json()).text === text;
        }""",
        arg=[
            f"/interviews/{Answer.objects.get().session_question.session_id}/answers/1.json",
            QUERY + "\n  ORDER BY u.user_id",
        ],
        polling=100,
    )
    assert Answer.objects.get().sql_run_count == 2

    page.get_by_role("button", name="Submit interview…").click()
    page.get_by_role("button", name="Submit now").click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    expect(page.locator("[data-sql-check]")).to_contain_text("✓ Matches the expected result (4 rows).")
    expect(page.get_by_text("Model query")).to_be_visible()
