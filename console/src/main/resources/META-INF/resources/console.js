// The upload's progress bar: htmx reports the bytes sent (htmx:xhr:progress), and the end of the request fills it.
// Without scripts the form still works, as a plain multipart post.
const uploadBar = (event) => event.target.querySelector && event.target.querySelector('progress.upload');
document.addEventListener('htmx:xhr:progress', (event) => {
  const bar = uploadBar(event);
  if (bar && event.detail.lengthComputable && event.detail.total > 0) {
    bar.max = event.detail.total;
    bar.value = event.detail.loaded;
    bar.textContent = Math.round(100 * event.detail.loaded / event.detail.total) + '%';
  }
});
document.addEventListener('htmx:afterRequest', (event) => {
  const bar = uploadBar(event);
  if (bar && event.detail.successful) {
    bar.value = bar.max;
    bar.textContent = '100%';
  }
});
