// On a phone, each question's model answer starts folded (<details data-fold-on-phone open>):
// the review and past-session pages are several screens shorter, and one tap opens an answer.
// Without JavaScript, or on a wider screen, they stay open.
const phone = window.matchMedia("(max-width: 40rem)");
if (phone.matches) {
  document.querySelectorAll("details[data-fold-on-phone][open]").forEach((details) => {
    details.open = false;
  });
}
