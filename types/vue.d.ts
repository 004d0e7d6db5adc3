// <stock-status> in Vue 3 templates (volar / vue-tsc): its attributes and properties as props.
// Vue also needs to be told the tag is a custom element, at build time:
//   app.config.compilerOptions.isCustomElement = (tag) => tag === 'stock-status'
// (or the same option of @vitejs/plugin-vue's `template.compilerOptions`).
import type { DefineComponent } from 'vue';
import type { StockInput } from './salable.js';
import type { StockStatusAttributes } from './stock-status.js';

/** What a Vue template may bind on <stock-status>: attributes, and the `data` and `selection` properties (`:data.prop`). */
export interface StockStatusVueProps extends StockStatusAttributes {
  data?: StockInput | null;
  selection?: Record<string, string> | null;
}

declare module 'vue' {
  interface GlobalComponents {
    'stock-status': DefineComponent<StockStatusVueProps>;
  }
}
