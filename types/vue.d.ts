// <stock-status> in Vue 3 templates (volar / vue-tsc): its attributes and properties as props, its
// events as emits (`@stock-status-change`, `@stock-status-error`).
// Vue also needs to be told the tag is a custom element, at build time:
//   app.config.compilerOptions.isCustomElement = (tag) => tag === 'stock-status'
// (or the same option of @vitejs/plugin-vue's `template.compilerOptions`).
import type { DefineComponent } from 'vue';
import type { StockInput } from './salable.js';
import type { StockStatusAttributes, StockStatusChangeEvent, StockStatusErrorEvent, StockStatusSelection } from './stock-status.js';

/** What a Vue template may bind on <stock-status>: attributes, and the `data` and `selection` properties (`:data.prop`). */
export interface StockStatusVueProps extends StockStatusAttributes {
  data?: StockInput | null;
  selection?: StockStatusSelection | null;
}

/** The element's events, as a Vue template listens to them. */
export type StockStatusVueEmits = {
  'stock-status-change': (event: StockStatusChangeEvent) => void;
  'stock-status-error': (event: StockStatusErrorEvent) => void;
  invalid: (event: Event) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    'stock-status': DefineComponent<StockStatusVueProps, {}, {}, {}, {}, {}, {}, StockStatusVueEmits>;
  }
}
