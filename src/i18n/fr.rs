//! French. Written for shoppers of a French storefront; nouns agree with the number by CLDR rules
//! (`0` and `1,5` take the singular in French, unlike English).

use super::{Catalog, Operands, Plural, PluralCategory};

/// CLDR `fr`: one when `i = 0,1`; many for whole millions (`1000000 d’articles`).
fn plural(n: Operands) -> PluralCategory {
    if n.i <= 1 {
        PluralCategory::One
    } else if n.v == 0 && n.i % 1_000_000 == 0 {
        PluralCategory::Many
    } else {
        PluralCategory::Other
    }
}

/// A text with one form for every number.
const fn same(text: &'static str) -> Plural {
    Plural { one: None, many: None, other: text }
}

/// This language's texts.
pub(super) static CATALOG: Catalog = Catalog {
    decimal_separator: ',',
    plural,
    in_stock: "En stock",
    only_x_left: Plural {
        one: Some("Plus que {qty} article en stock"),
        many: Some("Plus que {qty} d’articles en stock"),
        other: "Plus que {qty} articles en stock",
    },
    out_of_stock: "En rupture de stock",
    backorder_notice_named: Plural {
        one: Some(
            "Nous n’avons pas autant de « {name} » que demandé, mais l’article manquant ({qty}) sera commandé auprès du fournisseur.",
        ),
        many: None,
        other:
            "Nous n’avons pas autant de « {name} » que demandé, mais les {qty} articles manquants seront commandés auprès du fournisseur.",
    },
    backorder_notice: Plural {
        one: Some(
            "Nous n’avons pas autant de ce produit que demandé, mais l’article manquant ({qty}) sera commandé auprès du fournisseur.",
        ),
        many: None,
        other:
            "Nous n’avons pas autant de ce produit que demandé, mais les {qty} articles manquants seront commandés auprès du fournisseur.",
    },
    min_sale_qty: Plural {
        one: Some("Vous devez acheter au moins {qty} article."),
        many: None,
        other: "Vous devez acheter au moins {qty} articles.",
    },
    max_sale_qty: "La quantité demandée dépasse la quantité maximale autorisée dans le panier.",
    qty_increments: same("Ce produit ne peut être acheté que par multiples de {qty}."),
    qty_decimal: "Ce produit ne peut pas être acheté en quantité décimale.",
    no_source_in_stock: "Aucune source de ce produit n’est en stock.",
    not_assigned: "Ce produit n’est pas affecté au stock de cette boutique.",
    backorders_disabled: "Les commandes en réapprovisionnement sont désactivées.",
    manage_stock_enabled: "La gestion du stock est activée.",
    not_enough_qty: "Quantité disponible insuffisante.",
    only_x_of_y: Plural {
        one: Some("Seulement {qty} disponible sur {requested} demandés."),
        many: None,
        other: "Seulement {qty} disponibles sur {requested} demandés.",
    },
    shipment_not_enough: "Tous vos produits ne sont pas disponibles dans la quantité demandée.",
    qty_invalid: "Veuillez saisir une quantité supérieure à 0.",
    #[cfg(feature = "composite")]
    configurable_options_required: "Vous devez choisir des options pour votre article.",
    #[cfg(feature = "composite")]
    product_not_available: "Le produit que vous essayez d’ajouter n’est pas disponible.",
    #[cfg(feature = "composite")]
    bundle_option_required: "Veuillez sélectionner toutes les options requises.",
    #[cfg(feature = "composite")]
    grouped_qty_required: "Veuillez spécifier la quantité de produit(s).",
    #[cfg(feature = "pickup")]
    pickup_at: "Retrait disponible à {name}",
    #[cfg(feature = "pickup")]
    pickup_also: Plural { one: Some("Aussi dans {qty} autre magasin"), many: None, other: "Aussi dans {qty} autres magasins" },
    #[cfg(feature = "pickup")]
    pickup_unavailable: "Retrait en magasin indisponible pour le moment",
    #[cfg(feature = "pickup")]
    pickup_store_available: "Disponible pour retrait",
    #[cfg(feature = "pickup")]
    pickup_store_unavailable: "Indisponible pour le moment",
};
