// The demo page: the shop's cards (demo/shop.js) and the merchant playground (demo/playground.js),
// in English or French (demo/texts.js). Every figure and verdict comes from the wasm modules; these
// files hold only page state and rendering.
import init from './dist/salable.js';
import { renderPlaygroundTexts, startPlayground } from './demo/playground.js';
import { startShop } from './demo/shop.js';
import { setLanguage, t } from './demo/texts.js';

function applyLanguage(next) {
  const lang = setLanguage(next);
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const button of document.querySelectorAll('.lang-switch button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  for (const el of document.querySelectorAll('stock-status')) el.locale = lang;
  renderPlaygroundTexts();
}

for (const button of document.querySelectorAll('.lang-switch button')) {
  button.addEventListener('click', () => applyLanguage(button.dataset.lang));
}

await init();
startPlayground();
startShop();
applyLanguage(new URLSearchParams(location.search).get('lang') || 'en');
