//! How the fake store is configured: the settings of a real 2.4.7 store that change its REST
//! answers (`/work/shared/research/magento-rest-habits.md`, SPEC §16.1). Settable at start
//! (`FakeMagento::start_with`) and while running (`FakeMagento::set_habits`).

/// A store's configuration, as far as the bridge can tell it apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Habits {
    /// *Stores › Configuration › Services › Magento Web API › Web API Input Limits › Enable Input
    /// Limits* (`webapi/validation/input_limit_enabled`, off by default). On: a search without
    /// `page_size` gets [`Habits::default_page_size`] items
    /// (`Framework/Webapi/Validator/IOLimit/DefaultPageSizeSetter::processSearchCriteria`), and a
    /// `page_size` above [`Habits::max_page_size`] is a 400
    /// (`Framework/Webapi/Validator/SearchCriteriaValidator::validateEntityValue`).
    pub input_limits: bool,
    /// *Default Page Size* (`webapi/validation/default_page_size`, 20).
    pub default_page_size: usize,
    /// *Maximum Page Size* (`webapi/validation/maximum_page_size`, 300); only with input limits on.
    pub max_page_size: usize,
    /// The MSI modules enabled. Off: every `/V1/inventory/*` route is unknown (404 "Request does not
    /// match any route.", as `Webapi/Controller/Rest/Router::match` answers for a route no enabled
    /// module's `etc/webapi.xml` declares); legacy CatalogInventory (`/V1/stockItems`,
    /// `/V1/stockStatuses`) and the catalog still answer.
    pub msi: bool,
    /// *Stores › Configuration › Services › OAuth › Consumer Settings › Allow OAuth Access Tokens to be
    /// used as standalone Bearer tokens* (`oauth/consumer/enable_integration_as_bearer`, off since
    /// 2.4.4). Off: an integration's access token sent as `Bearer` identifies nobody
    /// (`Webapi/Model/Authorization/TokenUserContext`, `Integration/Model/OpaqueToken/Reader`), so the
    /// call runs as a guest and is refused with the route's own ACL resource.
    pub bearer_switch: bool,
    /// 2.4.6–2.4.7's OAuth base-URL normalisation: Laminas `OAuth\Signature\AbstractSignature::
    /// normaliseBaseSignatureUrl` runs `Laminas\Uri\Uri::normalize()`, which decodes
    /// `%2F %3A %40 %26 %3D %2B %24 %2C %3B` in the path before signing (magento2 #37278, #37830,
    /// #37913). Off: later code (`Framework/Oauth/Helper/Uri/Http`) decodes only unreserved characters.
    pub oauth_path_normalisation: bool,
    /// ACL resources the caller's role lacks (`Magento_InventoryApi::source`, …): a route needing one
    /// is refused with 401 naming it, as for a guest (`Webapi/Controller/Rest/RequestValidator::
    /// checkPermissions`).
    pub denied_resources: Vec<String>,
    /// The longest request line the store's web server takes, in bytes (`GET <target> HTTP/1.1`):
    /// nginx, which Magento ships a configuration for (`nginx.conf.sample`), reads it into one of
    /// `large_client_header_buffers` (default `4 8k`) and answers 414 Request-URI Too Large when it
    /// does not fit (nginx's `ngx_http_core_module` documentation). Magento never sees that request.
    pub max_request_line: usize,
}

impl Default for Habits {
    /// A stock 2.4.7: input limits off (maximum 300, default page 20 when turned on), MSI on, Bearer
    /// switch off, 2.4.7's OAuth path normalisation, every resource granted.
    fn default() -> Habits {
        Habits {
            input_limits: false,
            default_page_size: 20,
            max_page_size: 300,
            msi: true,
            bearer_switch: false,
            oauth_path_normalisation: true,
            denied_resources: Vec::new(),
            max_request_line: 8_192,
        }
    }
}
