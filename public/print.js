// The passbook's print button: a link that works without JavaScript (it only jumps), and opens
// the print dialog with it. Kept in a file so the Content-Security-Policy needs no inline script.
// Printing opens every fold: the paper copy is the whole passbook.
document.querySelectorAll('[data-print]').forEach(function (a) {
  a.addEventListener('click', function (e) { e.preventDefault(); window.print(); });
});
window.addEventListener('beforeprint', function () {
  document.querySelectorAll('details').forEach(function (d) { d.open = true; });
});
