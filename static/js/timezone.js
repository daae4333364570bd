// Fills the hidden time_zone field of the sign-up form with the browser's time zone.
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector('input[name="time_zone"]');
  if (field && !field.value) {
    try {
      field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      field.value = "";
    }
  }
});
