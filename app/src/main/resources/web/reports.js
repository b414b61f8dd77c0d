// convlab explorer, reports page: the latest report of ./convlab reproduce, if there is one.
'use strict';

document.addEventListener('DOMContentLoaded', async () => {
  try {
    const r = await apiGet('/api/reports');
    if (r.exists) {
      document.getElementById('report-info').textContent = 'From ' + r.directory + ', written ' + r.modified
          + '. Open it on its own: ';
      const link = el('a', null, r.index);
      link.href = r.index;
      document.getElementById('report-info').appendChild(link);
      document.getElementById('report-frame').src = r.index;
      document.getElementById('report-view').hidden = false;
    } else {
      document.getElementById('report-dir').textContent = r.directory + '/';
      document.getElementById('report-note').hidden = false;
    }
  } catch (e) {
    showError(e.message);
  }
});
