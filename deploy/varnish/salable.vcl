vcl 4.1;
# Varnish 7 in front of `salable-bridge serve` (README, "Production"). Adopt it by substitution:
# the backend's .host/.port, and the two marked durations below. Only the `std` vmod, which ships
# with Varnish, is used.
#
#   max-age                  -> TTL     (Varnish reads it from the bridge's Cache-Control)
#   stale-while-revalidate   -> grace while the bridge is healthy: the stale document is answered
#                               at once and one background fetch refreshes it
#   STALE-IF-ERROR (below)   -> grace while the bridge is sick or failing: the last good document
#                               is served, never past it (then a JSON 503 the element shows as
#                               "Availability unavailable")
#
# Only GET/HEAD under /stock/ is cached; /healthz and everything else go straight to the bridge.
# A 5xx is never cached. Responses carry X-Cache: MISS, HIT, STALE or PASS.

import std;

backend bridge {
    .host = "127.0.0.1";
    .port = "8787";
    .connect_timeout = 2s;
    # Above the bridge's own Magento timeout (timeout_ms, 10 s by default), so the bridge answers
    # first with its stale document or its 504.
    .first_byte_timeout = 15s;
    .between_bytes_timeout = 5s;
    # The bridge answers /healthz with 200 while it runs (Magento's state is in the body). Sick
    # after 2 failures out of 3: pick interval x 2 below the bridge's stale_while_revalidate, so a
    # dead bridge is noticed before any document leaves its healthy grace.
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

sub vcl_recv {
    unset req.http.X-Salable-Cache;
    if (req.restarts == 0) {
        unset req.http.X-Salable-Refresh;
        unset req.http.X-Salable-Stale-If-Error;
    }
    if (req.url !~ "^/stock/") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # CORS preflights and refused methods: the bridge answers them.
        return (pass);
    }
    # Nothing a shopper's browser sends changes a document: no cookies, no credentials.
    unset req.http.Cookie;
    unset req.http.Authorization;
    unset req.http.Access-Control-Request-Method;
    unset req.http.Access-Control-Request-Headers;
    if (req.url ~ "\.json(\?|$)") {
        # A document has no parameters: any query string (cache busters, tracking) is dropped.
        set req.url = regsub(req.url, "\?.*$", "");
    } elsif (req.url ~ "\?") {
        # The markup fragment (.html) reads qty, locale, stylesheet and json_ld; others are dropped
        # and the rest sorted, so equal requests share one object.
        set req.url = regsuball(req.url, "([?&])(?!(?:qty|locale|stylesheet|json_ld)=)[^&]*", "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
        set req.url = std.querysort(req.url);
    }
    if (req.http.X-Salable-Refresh) {
        # Past max-age + stale-while-revalidate with a healthy bridge: fetch now, all waiting
        # requests sharing the one fetch.
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        set req.http.X-Salable-Cache = "HIT";
        return (deliver);
    }
    # Stale. Within stale-while-revalidate, or with the bridge sick or failing, it is answered now
    # (Varnish starts one background fetch); otherwise look again without grace, which fetches.
    if (req.restarts == 0 && std.healthy(req.backend_hint)
        && obj.ttl + std.duration(obj.http.X-Salable-Swr + "s", 0s) < 0s) {
        set req.http.X-Salable-Refresh = "1";
        return (restart);
    }
    set req.http.X-Salable-Cache = "STALE";
    return (deliver);
}

sub vcl_miss {
    if (req.http.X-Salable-Stale-If-Error) {
        # No last good document either: the bridge's error stands, without asking it twice.
        return (synth(std.integer(req.http.X-Salable-Stale-If-Error, 503)));
    }
    set req.http.X-Salable-Cache = "MISS";
    return (fetch);
}

sub vcl_pass {
    set req.http.X-Salable-Cache = "PASS";
    return (fetch);
}

sub vcl_backend_fetch {
    unset bereq.http.X-Salable-Cache;
    unset bereq.http.X-Salable-Refresh;
    unset bereq.http.X-Salable-Stale-If-Error;
    return (fetch);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500 || beresp.http.X-Salable-Stale) {
        # The bridge failed (or can only offer its own stale copy). A background refresh keeps the
        # document already held; a foreground fetch passes the answer on, uncached.
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 1s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    unset beresp.http.Set-Cookie;
    if (beresp.status == 200 || beresp.status == 304) {
        # Varnish has already read max-age into beresp.ttl and stale-while-revalidate into
        # beresp.grace; keep the latter for vcl_hit, then widen grace to the error window.
        set beresp.http.X-Salable-Swr = std.integer(duration = beresp.grace, fallback = 0);
        # STALE-IF-ERROR: the bridge's cache.stale_if_error (3600 s by default).
        set beresp.grace = beresp.grace + 3600s;
        return (deliver);
    }
    # 404, 405, 414, 422, 501...: the bridge marks them no-store; never kept.
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.http.Content-Type = "application/json; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    # A public error without data: any page may read it, so the element shows its neutral state.
    set beresp.http.Access-Control-Allow-Origin = "*";
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    synthetic({"{"error":"upstream_unavailable","message":"the stock service is not reachable" }"});
    return (deliver);
}

sub vcl_synth {
    # Only the error that ends a stale-if-error look-up comes here: the bridge's codes and texts.
    set resp.http.Content-Type = "application/json; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    set resp.http.Access-Control-Allow-Origin = "*";
    if (resp.status == 504) {
        synthetic({"{"error":"upstream_timeout","message":"the store did not answer in time" }"});
    } elsif (resp.status == 502) {
        synthetic({"{"error":"upstream_error","message":"the store's stock could not be read" }"});
    } else {
        synthetic({"{"error":"upstream_unavailable","message":"the stock service is not reachable" }"});
    }
    set resp.http.X-Cache = "MISS";
    return (deliver);
}

sub vcl_deliver {
    if (resp.status >= 500 && req.restarts < 2 && !req.http.X-Salable-Stale-If-Error
        && req.url ~ "^/stock/" && (req.method == "GET" || req.method == "HEAD")) {
        # The fetch failed before the probe noticed: look once more for the last good document.
        set req.http.X-Salable-Stale-If-Error = resp.status;
        return (restart);
    }
    if (req.http.X-Salable-Cache == "STALE") {
        # As the bridge marks its own stale answers: browsers must not keep it.
        set resp.http.Cache-Control = "public, max-age=0, must-revalidate";
        set resp.http.X-Salable-Stale = "1";
    }
    unset resp.http.X-Salable-Swr;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    set resp.http.X-Cache = req.http.X-Salable-Cache;
}
