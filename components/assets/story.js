// Guided story: ArrowLeft / ArrowRight move to the previous / next step while the story panel has focus
// (the panel itself or one of its buttons).
document.addEventListener('keydown', function (event) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') { return; }
  var panel = document.getElementById('story-panel');
  if (!panel || panel.hidden || !panel.contains(document.activeElement)) { return; }
  var button = document.getElementById(event.key === 'ArrowLeft' ? 'story-prev' : 'story-next');
  if (button && !button.disabled) {
    event.preventDefault();
    button.click();
  }
});
