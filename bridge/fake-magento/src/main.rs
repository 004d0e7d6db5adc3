//! `fake-magento`: the fake Magento 2.4.7 as a process on loopback (npm start's demo, manual tests).
//! Prints exactly one line, `fake Magento listening on http://127.0.0.1:PORT`, once it listens, then
//! runs until SIGTERM or SIGINT.

use clap::Parser;
use fake_magento::{FakeAuth, FakeMagento, Fixtures, Habits};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "fake-magento", about = "A fake Magento 2.4.7 admin REST API serving salable's fixtures on loopback.")]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: String,
    /// An admin Bearer token to require (none, and no integration: anyone is let in).
    #[arg(long)]
    token: Option<String>,
    /// Another fixture folder with a manifest.json, served before the bundled fixtures.
    #[arg(long)]
    fixtures: Option<PathBuf>,
    /// Synthetic SKUs LOAD-0000… shaped like 24-MB01.
    #[arg(long, default_value_t = 0)]
    synthetic: usize,
    /// Web API input limits on (default page size 20, maximum page size enforced).
    #[arg(long)]
    input_limits: bool,
    /// Maximum SearchCriteria page size (with --input-limits).
    #[arg(long, default_value_t = 300)]
    max_page_size: usize,
    /// Default page size of a search sent without one (with --input-limits).
    #[arg(long, default_value_t = 20)]
    default_page_size: usize,
    /// The longest request line the web server in front takes, in bytes (nginx's default 8k
    /// buffer); a longer one is answered 414.
    #[arg(long, default_value_t = 8_192)]
    max_request_line: usize,
    /// The MSI modules disabled: /V1/inventory/* answers 404, legacy stock endpoints answer.
    #[arg(long)]
    no_msi: bool,
    /// Allow OAuth access tokens to be used as standalone Bearer tokens.
    #[arg(long)]
    bearer_switch: bool,
    /// Sign paths as releases after 2.4.7 do (decode unreserved characters only).
    #[arg(long)]
    no_oauth_path_normalisation: bool,
    /// An ACL resource the caller lacks (repeatable), e.g. Magento_InventoryApi::source.
    #[arg(long)]
    deny_resource: Vec<String>,
    /// An integration's consumer key (with the three below: OAuth 1.0a accepted).
    #[arg(long, requires_all = ["oauth_consumer_secret", "oauth_access_token", "oauth_access_token_secret"])]
    oauth_consumer_key: Option<String>,
    #[arg(long)]
    oauth_consumer_secret: Option<String>,
    #[arg(long)]
    oauth_access_token: Option<String>,
    #[arg(long)]
    oauth_access_token_secret: Option<String>,
}

async fn run(a: Args) -> Result<(), String> {
    let mut set = Fixtures::embedded();
    if let Some(dir) = &a.fixtures {
        set = Fixtures::from_dir(dir)?.with(set);
    }
    if a.synthetic > 0 {
        set = set.with_synthetic(a.synthetic, "24-MB01");
    }
    let integration = match (a.oauth_consumer_key, a.oauth_consumer_secret, a.oauth_access_token, a.oauth_access_token_secret) {
        (Some(consumer_key), Some(consumer_secret), Some(token), Some(token_secret)) => {
            Some((consumer_key, consumer_secret, token, token_secret))
        }
        _ => None,
    };
    let auth = match (a.token, integration) {
        (None, None) => FakeAuth::Open,
        (Some(t), None) => FakeAuth::Bearer(t),
        (None, Some((consumer_key, consumer_secret, token, token_secret))) => {
            FakeAuth::OAuth { consumer_key, consumer_secret, token, token_secret }
        }
        (Some(admin_token), Some((consumer_key, consumer_secret, token, token_secret))) => {
            FakeAuth::AdminAndIntegration { admin_token, consumer_key, consumer_secret, token, token_secret }
        }
    };
    let habits = Habits {
        input_limits: a.input_limits,
        default_page_size: a.default_page_size,
        max_page_size: a.max_page_size,
        msi: !a.no_msi,
        bearer_switch: a.bearer_switch,
        oauth_path_normalisation: !a.no_oauth_path_normalisation,
        denied_resources: a.deny_resource,
        max_request_line: a.max_request_line,
    };
    let addr = a.listen.parse().map_err(|e| format!("--listen: {e}"))?;
    let fake = FakeMagento::start_on(addr, set, auth, habits).await.map_err(|e| format!("--listen {}: {e}", a.listen))?;
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "fake Magento listening on {}", fake.url());
        let _ = out.flush();
    }
    salable_bridge::cli::shutdown_signal().await;
    fake.stop().await;
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
