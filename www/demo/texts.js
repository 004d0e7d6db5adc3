// The demo page's texts, English and French side by side: one line per text, so a new text is
// one edit. Texts of the element itself come from the wasm module, never from here.

/** key → { en, fr }. */
export const TEXTS = {
  skip: { en: 'Skip to content', fr: 'Aller au contenu' },
  'nav.label': { en: 'Sections', fr: 'Rubriques' },
  'nav.shop': { en: 'Product page', fr: 'Page produit' },
  'nav.playground': { en: 'Merchant playground', fr: 'Bac à sable marchand' },
  'lang.label': { en: 'Language', fr: 'Langue' },
  'shop.title': { en: 'Bags', fr: 'Sacs' },
  'bridge.badge': { en: 'Demo data', fr: 'Données de démonstration' },
  'bridge.groupNote': { en: 'A grouped product fed live through salable-bridge: its links and every child’s stock from the fake Magento’s REST API.', fr: 'Un produit groupé alimenté en direct par salable-bridge : ses liens et le stock de chaque enfant depuis l’API REST de la boutique Magento factice.' },
  'bridge.note': { en: 'Fed live through salable-bridge from a fake Magento store’s REST API (bundled fixtures): Magento REST → bridge → element.', fr: 'Alimenté en direct par salable-bridge depuis l’API REST d’une boutique Magento factice (fixtures fournies) : Magento REST → pont → élément.' },
  'shop.lede': { en: 'Each card below embeds the <stock-status> element exactly as a shop would, fed by a JSON file. Change the quantity to see the request checked.', fr: 'Chaque fiche ci-dessous intègre l’élément <stock-status> exactement comme le ferait une boutique, alimenté par un fichier JSON. Changez la quantité pour voir la demande vérifiée.' },
  qty: { en: 'Quantity', fr: 'Quantité' },
  'near.label': { en: 'Pickup near', fr: 'Retrait près de' },
  'near.none': { en: 'Anywhere (store order)', fr: 'Peu importe (ordre des magasins)' },
  add: { en: 'Add to cart', fr: 'Ajouter au panier' },
  'pg.title': { en: 'Merchant playground', fr: 'Bac à sable marchand' },
  'pg.lede': { en: 'Set your store and product inventory options as in the Magento admin, then place, cancel and ship orders. Every figure comes from the same WebAssembly module the storefront uses.', fr: 'Réglez les options d’inventaire de la boutique et du produit comme dans l’administration Magento, puis passez, annulez et expédiez des commandes. Chaque chiffre vient du module WebAssembly qu’utilise la vitrine.' },
  'pg.config': { en: 'Default Config · Product Stock Options', fr: 'Configuration par défaut · Options de stock produit' },
  'pg.product': { en: 'Product · Advanced Inventory', fr: 'Produit · Inventaire avancé' },
  'pg.productName': { en: 'Product name', fr: 'Nom du produit' },
  'pg.decimals': { en: 'Qty Uses Decimals', fr: 'Quantité décimale autorisée' },
  'pg.sources': { en: 'Sources', fr: 'Sources' },
  'src.code': { en: 'Source', fr: 'Source' },
  'src.qty': { en: 'Quantity', fr: 'Quantité' },
  'src.status': { en: 'Source item status', fr: 'État de l’article source' },
  'src.enabled': { en: 'Source enabled', fr: 'Source activée' },
  'src.actions': { en: 'Actions', fr: 'Actions' },
  'src.add': { en: 'Add source', fr: 'Ajouter une source' },
  'src.remove': { en: 'Remove', fr: 'Retirer' },
  'src.inStock': { en: 'In Stock', fr: 'En stock' },
  'src.outOfStock': { en: 'Out of Stock', fr: 'En rupture' },
  'src.pickup': { en: 'Pickup store', fr: 'Point de retrait' },
  'src.pickupName': { en: 'Store name', fr: 'Nom du magasin' },
  pickup_enabled: { en: 'In-Store Delivery (pickup)', fr: 'Retrait en magasin' },
  'pv.pickup': { en: 'Each pickup store, for this quantity', fr: 'Chaque point de retrait, pour cette quantité' },
  'pv.store': { en: 'Store', fr: 'Magasin' },
  'pv.verdict': { en: 'Verdict', fr: 'Verdict' },
  'pv.distance': { en: 'Distance', fr: 'Distance' },
  'pv.title': { en: 'Storefront preview', fr: 'Aperçu de la vitrine' },
  'fig.onHand': { en: 'Quantity on hand', fr: 'Quantité en stock' },
  'fig.reserved': { en: 'Reservations', fr: 'Réservations' },
  'fig.threshold': { en: 'Threshold in force', fr: 'Seuil appliqué' },
  'fig.salable': { en: 'Salable quantity', fr: 'Quantité vendable' },
  'ev.title': { en: 'Orders', fr: 'Commandes' },
  'ev.placeQty': { en: 'Order quantity', fr: 'Quantité commandée' },
  'ev.place': { en: 'Place order', fr: 'Passer commande' },
  'ev.order': { en: 'Order', fr: 'Commande' },
  'ev.qty': { en: 'Quantity', fr: 'Quantité' },
  'ev.cancel': { en: 'Cancel', fr: 'Annuler' },
  'ev.from': { en: 'From source', fr: 'Depuis la source' },
  'ev.ship': { en: 'Ship', fr: 'Expédier' },
  'ev.replay': { en: 'Replay the documentation example', fr: 'Rejouer l’exemple de la documentation' },
  'ev.reset': { en: 'Reset', fr: 'Réinitialiser' },
  'ev.none': { en: 'No order yet', fr: 'Aucune commande' },
  'ch.title': { en: 'Salable quantity after each event', fr: 'Quantité vendable après chaque événement' },
  'ch.log': { en: 'Event history', fr: 'Historique des événements' },
  'pv.json': { en: 'Input and output documents', fr: 'Documents d’entrée et de sortie' },
  'pv.input': { en: 'Input (SPEC §10)', fr: 'Entrée (SPEC §10)' },
  'pv.output': { en: 'Output (SPEC §11)', fr: 'Sortie (SPEC §11)' },
  footer: { en: 'Rules of Adobe Commerce (Magento 2) Inventory Management, compiled from Rust to WebAssembly.', fr: 'Règles d’Adobe Commerce (Magento 2) Inventory Management, compilées de Rust en WebAssembly.' },
  useSystem: { en: 'Use system value', fr: 'Utiliser la valeur système' },
  useConfig: { en: 'Use Config Settings', fr: 'Utiliser la configuration' },
  yes: { en: 'Yes', fr: 'Oui' },
  no: { en: 'No', fr: 'Non' },
  start: { en: 'Start', fr: 'Début' },
  placed: { en: 'Order {id} placed: {qty}', fr: 'Commande {id} passée : {qty}' },
  canceled: { en: 'Order {id} cancelled: {qty}', fr: 'Commande {id} annulée : {qty}' },
  shipped: { en: 'Order {id} shipped: {qty} from {source}', fr: 'Commande {id} expédiée : {qty} depuis {source}' },
  refused: { en: 'Refused: {reason}', fr: 'Refusé : {reason}' },
  settingsChanged: { en: 'Settings changed', fr: 'Réglages modifiés' },
  manage_stock: { en: 'Manage Stock', fr: 'Gérer le stock' },
  backorders: { en: 'Backorders', fr: 'Commandes en réapprovisionnement' },
  out_of_stock_threshold: { en: 'Out-of-Stock Threshold', fr: 'Seuil de rupture de stock' },
  only_x_left_threshold: { en: 'Only X Left Threshold', fr: 'Seuil « Plus que X »' },
  notify_for_quantity_below: { en: 'Notify for Quantity Below', fr: 'Alerte si quantité inférieure à' },
  min_sale_qty: { en: 'Minimum Qty Allowed in Shopping Cart', fr: 'Quantité minimale autorisée dans le panier' },
  max_sale_qty: { en: 'Maximum Qty Allowed in Shopping Cart', fr: 'Quantité maximale autorisée dans le panier' },
  enable_qty_increments: { en: 'Enable Qty Increments', fr: 'Activer les incréments de quantité' },
  qty_increments: { en: 'Qty Increments', fr: 'Incréments de quantité' },
  // The French merchant documentation names these options as the admin shows them, untranslated.
  'bo.no': { en: 'No Backorders', fr: 'No Backorders' },
  'bo.allow': { en: 'Allow Qty Below 0', fr: 'Allow Qty Below 0' },
  'bo.allow_notify': { en: 'Allow Qty Below 0 and Notify Customer', fr: 'Allow Qty Below 0 and Notify Customer' },
  'nav.composites': { en: 'Tees and sets', fr: 'T-shirts et coffrets' },
  'cx.title': { en: 'Tees and sets', fr: 'T-shirts et coffrets' },
  'cx.lede': { en: 'Configurable, bundle and grouped products: one document per parent holds every child, so choosing a size or a colour answers at once, with no new request.', fr: 'Produits configurables, groupés et lots : un document par parent contient tous ses enfants, si bien que choisir une taille ou une couleur répond aussitôt, sans nouvelle requête.' },
  'cx.configurable': { en: 'Configurable product', fr: 'Produit configurable' },
  'cx.bundle': { en: 'Bundle product', fr: 'Lot (bundle)' },
  'cx.grouped': { en: 'Grouped product', fr: 'Produit groupé' },
  'cx.bag': { en: 'Bag', fr: 'Sac' },
  'cx.bottle': { en: 'Bottle', fr: 'Gourde' },
  'cx.required': { en: '(required)', fr: '(obligatoire)' },
  'cx.optional': { en: '(optional)', fr: '(facultatif)' },
  'cx.bottles': { en: '2 × Sprite Water Bottle', fr: '2 × gourde Sprite' },
  'cx.lines': { en: 'Items in this set', fr: 'Articles de ce lot' },
  'cx.rows': { en: 'Products in this group', fr: 'Produits de ce groupe' },
  'cx.product': { en: 'Product', fr: 'Produit' },
  'cx.availability': { en: 'Availability', fr: 'Disponibilité' },
  'cx.soldOut': { en: 'out of stock', fr: 'épuisé' },
  'cx.chosen': { en: 'Chosen: {sku}', fr: 'Choisi : {sku}' },
  'cx.choose': { en: 'Choose a size and a colour.', fr: 'Choisissez une taille et une couleur.' },
  'cx.lineOk': { en: '{name} × {qty}', fr: '{name} × {qty}' },
  'cx.qtyFor': { en: 'Quantity of {name}', fr: 'Quantité de {name}' },
  'attr.size': { en: 'Size', fr: 'Taille' },
  'attr.color': { en: 'Colour', fr: 'Couleur' },
  'val.Black': { en: 'Black', fr: 'Noir' },
  'val.White': { en: 'White', fr: 'Blanc' },
  'val.Blue': { en: 'Blue', fr: 'Bleu' },
  'pg.type': { en: 'Product type', fr: 'Type de produit' },
  'pg.typeLabel': { en: 'Type', fr: 'Type' },
  'type.simple': { en: 'Simple product', fr: 'Produit simple' },
  'type.configurable': { en: 'Configurable product', fr: 'Produit configurable' },
  'type.bundle': { en: 'Bundle product', fr: 'Lot (bundle)' },
  'type.grouped': { en: 'Grouped product', fr: 'Produit groupé' },
  'pg.stockFlag': { en: 'Stock Status (parent)', fr: 'État du stock (parent)' },
  'pg.parentEnabled': { en: 'Enable Product (parent)', fr: 'Activer le produit (parent)' },
  'pg.children': { en: 'Children', fr: 'Enfants' },
  'pg.childrenNote': { en: 'Each child is a product of its own, with one source here, evaluated under the Default Config above.', fr: 'Chaque enfant est un produit à part entière, avec ici une source, évalué selon la configuration par défaut ci-dessus.' },
  'ch.sku': { en: 'Child', fr: 'Enfant' },
  'ch.enabled': { en: 'Enabled', fr: 'Activé' },
  'ch.defaultQty': { en: 'Default qty', fr: 'Qté par défaut' },
  'bo.config': { en: 'Use Config Settings', fr: 'Utiliser la configuration' },
  'pv.variant': { en: 'Shopper’s choice', fr: 'Choix du client' },
  'pv.noVariant': { en: 'Nothing chosen yet', fr: 'Rien de choisi' },
  'pv.childrenAlone': { en: 'Each child on its own', fr: 'Chaque enfant seul' },
  'pv.disabled': { en: 'disabled', fr: 'désactivé' },
  'pv.salableQty': { en: 'salable {qty}', fr: 'vendable {qty}' },
};

export const LANGUAGES = ['en', 'fr'];

let lang = 'en';

/** The page language, `en` or `fr`. */
export const language = () => lang;

/** Sets the page language; anything but a known one is English. */
export function setLanguage(next) {
  lang = LANGUAGES.includes(next) ? next : 'en';
  return lang;
}

/** A text in the page language, with `{name}` placeholders filled from `vars`. A key with no text is shown as itself. */
export const t = (key, vars = {}) => (TEXTS[key]?.[lang] ?? TEXTS[key]?.en ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');

/** A text that may be missing (attribute codes, option values): `fallback` when there is none. */
export const textOr = (key, fallback) => TEXTS[key]?.[lang] ?? TEXTS[key]?.en ?? fallback;

/** A quantity in the page language. */
export function fmt(n) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 4 }).format(n);
}
