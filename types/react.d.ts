// <stock-status> in React 19's JSX: `import type {} from 'salable/react';` once in the app.
// React 19 sets `data` as a property and listens for `onstock-status-change` as the event
// `stock-status-change`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { StockStatusElement, StockStatusJsxProps } from './stock-status.js';

export type { StockStatusElement, StockStatusJsxProps } from './stock-status.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'stock-status': Omit<DetailedHTMLProps<HTMLAttributes<StockStatusElement>, StockStatusElement>, keyof StockStatusJsxProps> &
        StockStatusJsxProps;
    }
  }
}
