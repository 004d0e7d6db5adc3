// <stock-status> in Preact's JSX: `import type {} from 'salable/preact';` once in the app.
import type { HTMLAttributes } from 'preact';
import type { StockStatusElement, StockStatusJsxProps } from './stock-status.js';

export type { StockStatusElement, StockStatusJsxProps } from './stock-status.js';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'stock-status': Omit<HTMLAttributes<StockStatusElement>, keyof StockStatusJsxProps> & StockStatusJsxProps;
    }
  }
}
