//! The command line: `serve`, `export`, `check`.

use crate::config::{Config, WebsiteConfig};
use crate::core_api::{self, Qty};
use crate::documents::Documents;
use crate::server::{self, AppState};
use crate::stock_settings;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "salable-bridge",
    version,
    about = "Publishes <stock-status> documents (SPEC §10) from a Magento 2.4 store's admin REST API."
)]
#[command(
    after_help = "Credentials come from the environment: MAGENTO_TOKEN (Bearer), or MAGENTO_CONSUMER_KEY, MAGENTO_CONSUMER_SECRET,\nMAGENTO_ACCESS_TOKEN and MAGENTO_ACCESS_TOKEN_SECRET (OAuth 1.0a, HMAC-SHA256); or from the config file's [auth]."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Answer GET /stock/{website}/{sku}.json and GET /healthz.
    Serve {
        #[command(flatten)]
        common: Common,
        /// Address to listen on, e.g. 127.0.0.1:8787.
        #[arg(long)]
        listen: Option<String>,
        /// Access-Control-Allow-Origin: * or one origin.
        #[arg(long)]
        cors_origin: Option<String>,
        /// Cache-Control max-age (seconds), and how long a document is kept.
        #[arg(long)]
        max_age: Option<u64>,
        /// Cache-Control stale-while-revalidate (seconds).
        #[arg(long)]
        stale_while_revalidate: Option<u64>,
        /// Serve the last good document for this long (seconds) when Magento fails; 0: never.
        #[arg(long)]
        stale_if_error: Option<u64>,
        /// Most documents held in memory.
        #[arg(long)]
        cache_capacity: Option<u64>,
    },
    /// Write DIR/{website}/{sku}.json for static hosting or a CDN.
    Export {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        website: String,
        /// A SKU to export, exactly as Magento spells it (repeat the flag for more; commas are
        /// part of a SKU, never separators).
        #[arg(long, required_unless_present_any = ["all", "sku_file"], conflicts_with = "all")]
        sku: Vec<String>,
        /// A file of SKUs, one per line, exactly as Magento spells them (`-`: standard input).
        #[arg(long, conflicts_with = "all")]
        sku_file: Option<PathBuf>,
        /// Page through the whole catalog.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Compare our engine's verdicts with Magento's own endpoints, and print differences.
    Check {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        website: String,
        /// A SKU to check, exactly as Magento spells it (repeat the flag for more).
        #[arg(long, required_unless_present = "sku_file")]
        sku: Vec<String>,
        /// A file of SKUs, one per line (`-`: standard input).
        #[arg(long)]
        sku_file: Option<PathBuf>,
        /// Requested quantities to compare (default: each product's default request quantity).
        #[arg(long, value_delimiter = ',')]
        qty: Vec<f64>,
    },
}

/// Settings every Magento command takes; each is also a config-file key.
#[derive(Args, Debug, Default)]
pub struct Common {
    /// TOML (or .json) configuration file.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The store's base URL, e.g. https://shop.example.com.
    #[arg(long)]
    pub magento_url: Option<String>,
    /// Timeout of one Magento call, in milliseconds.
    #[arg(long)]
    pub timeout_ms: Option<u64>,
    /// Timeout to open a connection to Magento, in milliseconds.
    #[arg(long)]
    pub connect_timeout_ms: Option<u64>,
    /// Most Magento calls in flight.
    #[arg(long)]
    pub concurrency: Option<usize>,
    /// The store's maximum searchCriteria page size (Web API input limits; 300 by default in Magento).
    #[arg(long)]
    pub page_size: Option<u32>,
    /// Which stock to read: auto (detect), msi, or legacy (the MSI modules are disabled).
    #[arg(long, value_enum)]
    pub inventory: Option<crate::config::InventoryMode>,
    /// SKUs per export batch.
    #[arg(long)]
    pub batch_size: Option<usize>,
    /// Seconds a website's stock, store view and sources are kept.
    #[arg(long)]
    pub website_ttl: Option<u64>,
    /// A store setting REST cannot tell, by the core's name: KEY=VALUE, e.g. only_x_left_threshold=5,
    /// display_stock_status=false, not_available_message=only_x_of_y_available, show_out_of_stock=true
    /// (any key of the config file's [stock]; VALUE is JSON or plain text); repeatable.
    #[arg(long = "stock", value_name = "KEY=VALUE")]
    pub stock: Vec<String>,
    /// Same as --stock only_x_left_threshold=N (Magento's cataloginventory/options/stock_threshold_qty).
    #[arg(long, value_name = "N")]
    pub only_x_left_threshold: Option<String>,
    /// Same as --stock display_stock_status=true|false.
    #[arg(long, value_name = "BOOL")]
    pub display_stock_status: Option<String>,
    /// Same as --stock not_available_message=not_enough_items|only_x_of_y_available.
    #[arg(long, value_name = "STYLE")]
    pub not_available_message: Option<String>,
    /// Same as --stock show_out_of_stock=true|false (Display Out of Stock Products).
    #[arg(long, value_name = "BOOL")]
    pub show_out_of_stock: Option<String>,
    /// Locale per website, WEBSITE=LANG (e.g. eu=fr); repeatable.
    #[arg(long, value_parser = pair)]
    pub locale: Vec<(String, String)>,
    /// Store view per website, WEBSITE=STORE_CODE; repeatable.
    #[arg(long, value_parser = pair)]
    pub store_code: Vec<(String, String)>,
    /// Hide exact stock levels above max(only_x_left_threshold, max_sale_qty) + 1.
    #[arg(long)]
    pub clamp: bool,
}

/// The `--sku` flags, then the lines of `--sku-file` (blank lines skipped; each line is a SKU as
/// written, commas and spaces inside it included).
fn sku_list(flags: Vec<String>, file: Option<&std::path::Path>) -> Result<Vec<String>, String> {
    let mut skus = flags;
    if let Some(path) = file {
        let text = if path.as_os_str() == "-" {
            std::io::read_to_string(std::io::stdin()).map_err(|e| format!("--sku-file -: {e}"))?
        } else {
            std::fs::read_to_string(path).map_err(|e| format!("--sku-file {}: {e}", path.display()))?
        };
        skus.extend(text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty()).map(str::to_owned));
    }
    Ok(skus)
}

fn pair(s: &str) -> Result<(String, String), String> {
    s.split_once('=').map(|(a, b)| (a.to_owned(), b.to_owned())).ok_or_else(|| "expected WEBSITE=VALUE".to_owned())
}

impl Common {
    /// The config file, then flags, then credentials from the environment.
    pub fn config(&self) -> Result<Config, String> {
        let mut c = match &self.config {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        if let Some(v) = &self.magento_url {
            c.magento_url = Some(v.clone());
        }
        if let Some(v) = self.timeout_ms {
            c.upstream.timeout_ms = v;
        }
        if let Some(v) = self.connect_timeout_ms {
            c.upstream.connect_timeout_ms = v;
        }
        if let Some(v) = self.concurrency {
            c.upstream.concurrency = v;
        }
        if let Some(v) = self.page_size {
            c.upstream.page_size = v;
        }
        if let Some(v) = self.inventory {
            c.inventory = v;
        }
        if let Some(v) = self.batch_size {
            c.upstream.batch_size = v;
        }
        if let Some(v) = self.website_ttl {
            c.cache.website_ttl = v;
        }
        // The named flags of earlier versions, then --stock in order: the last one given wins.
        let named = [
            ("only_x_left_threshold", &self.only_x_left_threshold),
            ("display_stock_status", &self.display_stock_status),
            ("not_available_message", &self.not_available_message),
            ("show_out_of_stock", &self.show_out_of_stock),
        ];
        let named = named.into_iter().filter_map(|(key, v)| Some((format!("--{}", key.replace('_', "-")), key, v.as_deref()?)));
        let mut given = Vec::new();
        for flag in &self.stock {
            let (key, text) = flag.split_once('=').ok_or("--stock: expected KEY=VALUE")?;
            given.push(("--stock".to_owned(), key.trim(), text));
        }
        for (flag, key, text) in named.chain(given) {
            c.stock = stock_settings::with_flag(&c.stock, key, text).map_err(|e| format!("{flag} {e}"))?;
        }
        for (w, l) in &self.locale {
            c.websites.entry(w.clone()).or_insert_with(WebsiteConfig::default).locale = Some(l.clone());
        }
        for (w, s) in &self.store_code {
            c.websites.entry(w.clone()).or_insert_with(WebsiteConfig::default).store_code = Some(s.clone());
        }
        c.clamp |= self.clamp;
        c.apply_env(|k| std::env::var(k).ok());
        c.validate()?;
        Ok(c)
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM (a service manager's stop); the fake Magento's binary uses it too.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Says which stock Magento keeps (SPEC §16.1), or why it could not be told yet (then the first
/// document's call tries again).
async fn announce_inventory(docs: &Documents) {
    match docs.inventory().await {
        Ok(mode) => tracing::info!(mode = mode.name(), "Magento inventory: {}", mode.describe()),
        Err(e) => tracing::warn!(error = %e, "could not tell MSI from legacy CatalogInventory yet; will retry on the first request"),
    }
}

/// Runs one command; `Err` is a message for the user (exit code 2).
pub async fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Serve { common, listen, cors_origin, max_age, stale_while_revalidate, stale_if_error, cache_capacity } => {
            let mut cfg = common.config()?;
            if let Some(v) = cors_origin {
                cfg.cors_origin = Some(v);
            }
            if let Some(v) = max_age {
                cfg.cache.max_age = v;
            }
            if let Some(v) = stale_while_revalidate {
                cfg.cache.stale_while_revalidate = v;
            }
            if let Some(v) = stale_if_error {
                cfg.cache.stale_if_error = v;
            }
            if let Some(v) = cache_capacity {
                cfg.cache.capacity = v;
            }
            let listen = listen.or(cfg.listen.clone()).unwrap_or_else(|| "127.0.0.1:8787".to_owned());
            let docs = Documents::new(cfg)?;
            if !docs.has_credentials() {
                tracing::warn!("no Magento credentials: set MAGENTO_TOKEN or the four MAGENTO_* OAuth variables");
            }
            announce_inventory(&docs).await;
            let listener = tokio::net::TcpListener::bind(&listen).await.map_err(|e| format!("--listen {listen}: {e}"))?;
            let addr = listener.local_addr().map_err(|e| e.to_string())?;
            say(&format!("salable-bridge listening on http://{addr}"));
            server::run(listener, AppState::new(docs), shutdown_signal()).await.map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { common, website, sku, sku_file, all, out } => {
            let sku = sku_list(sku, sku_file.as_deref())?;
            let docs = Documents::new(common.config()?)?;
            announce_inventory(&docs).await;
            let summary = crate::export::run(&docs, &website, &sku, all, &out, true).await?;
            let _ = summary.print(&mut std::io::stdout());
            let missed =
                summary.failed.len() + summary.invalid.len() + if all { 0 } else { summary.not_found.len() + summary.unknown_type.len() };
            Ok(if missed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Check { common, website, sku, sku_file, qty } => {
            let sku = sku_list(sku, sku_file.as_deref())?;
            let docs = Documents::new(common.config()?)?;
            announce_inventory(&docs).await;
            let qtys: Vec<Qty> = qty
                .iter()
                .map(|q| core_api::qty(*q).and_then(|q| if q > Qty::ZERO { Ok(q) } else { Err("--qty must be above 0".into()) }))
                .collect::<Result<_, _>>()?;
            let report = crate::check::run(&docs, &website, &sku, &qtys).await?;
            for l in &report.lines {
                say(l);
            }
            Ok(if report.differences == 0 && report.errors == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skus_are_taken_whole_from_flags_and_from_file_lines() {
        let file = std::env::temp_dir().join(format!("salable-skus-{}.txt", std::process::id()));
        std::fs::write(&file, "24-UG01,PK2\r\n\nMT07/S-GRN\n 24 MB 01 \n").unwrap();
        let skus = sku_list(vec!["TEE,RED".into()], Some(&file)).unwrap();
        assert_eq!(skus, ["TEE,RED", "24-UG01,PK2", "MT07/S-GRN", " 24 MB 01 "]);
        std::fs::remove_file(&file).ok();
        let e = sku_list(vec![], Some(std::path::Path::new("/nonexistent/skus.txt"))).unwrap_err();
        assert!(e.starts_with("--sku-file /nonexistent/skus.txt"), "{e}");
        // clap keeps a comma inside one --sku value.
        let cli =
            Cli::try_parse_from(["salable-bridge", "export", "--website", "base", "--sku", "A,B", "--sku", "C", "--out", "x"]).unwrap();
        match cli.command {
            Command::Export { sku, .. } => assert_eq!(sku, ["A,B", "C"]),
            other => panic!("{other:?}"),
        }
    }

    fn common(args: &[&str]) -> Result<Config, String> {
        let mut argv = vec!["salable-bridge", "check", "--website", "base", "--sku", "A"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).map_err(|e| e.to_string())?.command {
            Command::Check { common, .. } => common.config(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn store_settings_come_from_stock_flags_and_the_named_flags_of_earlier_versions() {
        let q = |v: f64| Some(core_api::qty(v).unwrap());
        let c = common(&["--only-x-left-threshold", "5", "--show-out-of-stock", "true"]).unwrap();
        assert_eq!((c.stock.only_x_left_threshold, c.stock.show_out_of_stock), (q(5.0), Some(true)));
        let c = common(&[
            "--stock",
            "only_x_left_threshold=2.5",
            "--stock",
            "not_available_message=only_x_of_y_available",
            "--display-stock-status",
            "false",
            "--only-x-left-threshold",
            "9",
        ])
        .unwrap();
        assert_eq!(c.stock.only_x_left_threshold, q(2.5), "--stock comes after the named flags");
        assert_eq!(c.stock.display_stock_status, Some(false));
        assert_eq!(c.stock.not_available_message, Some(core_api::NotAvailableMessage::OnlyXOfYAvailable));
        for (args, expected) in [
            (&["--stock", "only_x_left_treshold=5"][..], "--stock unknown field `only_x_left_treshold`"),
            (&["--stock", "display_stock_status=s3cr3t"][..], "--stock display_stock_status: expected a boolean"),
            (&["--display-stock-status", "s3cr3t"][..], "--display-stock-status display_stock_status: expected a boolean"),
            (&["--stock", "s3cr3t"][..], "--stock: expected KEY=VALUE"),
            (&["--stock", "only_x_left_threshold=-1"][..], "(default): only_x_left_threshold must be a number from 0"),
            (
                &["--stock", "backorders=1"][..],
                "--stock backorders: Magento's stock items give this setting, per product; set it in Magento",
            ),
        ] {
            assert_eq!(common(args).unwrap_err(), expected);
        }
    }
}
