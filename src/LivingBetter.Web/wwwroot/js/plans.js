// Progressive enhancement for plans: offline crisis plan and print buttons. Pages work without it.
const CACHE = 'lb-crisis-v1';

for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

const offline = document.querySelector('[data-offline-state]');
if (offline && 'serviceWorker' in navigator && 'caches' in window) {
  const status = document.getElementById('offline-status');
  try {
    if (offline.dataset.offlineState === 'on') {
      await navigator.serviceWorker.register('/sw-crisis.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      registration.active?.postMessage('refresh');
      if (status) status.textContent = 'A copy of your crisis plan is kept on this device. It updates each time you open it with internet.';
    } else {
      await caches.delete(CACHE);
      for (const registration of await navigator.serviceWorker.getRegistrations()) {
        if (registration.active?.scriptURL.endsWith('/sw-crisis.js')) {
          await registration.unregister();
        }
      }
      if (status) status.textContent = 'No copy of your crisis plan is kept on this device.';
    }
  } catch (error) {
    console.warn('Offline crisis plan:', error);
    if (status) status.textContent = 'This browser could not keep an offline copy. Your plan is still safe online, and you can download the crisis card instead.';
  }
}
