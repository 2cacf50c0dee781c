/** Hands text to the browser as a file download (a Blob URL on a temporary anchor). */
export function downloadText(text: string, filename: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = filename;
    anchor.style.display = 'none';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    // Revoke after the click has been handled, so the download can start.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
