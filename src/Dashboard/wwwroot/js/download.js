// Saves text as a file in the browser: used for the grids' CSV downloads. A Blob stores text as UTF-8, so the
// CSV's leading U+FEFF becomes the byte order mark EF BB BF that Excel looks for.
window.kpiDownload = (fileName, text) => {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
