//! `salable-load` (`npm run load`, BENCHMARKS.md "Magento bridge load"): the fake Magento with
//! synthetic SKUs and salable-bridge in one process, a bounded number of requests from concurrent
//! clients, then a report. With `--varnish`, a second pass in the same run sends the same requests
//! through real `varnishd` running `deploy/varnish/salable.vcl`, each pass with a fresh (cold) fake
//! and bridge. Exits 1 if any request failed.

use clap::Parser;
use fake_magento::load::{run_through, Front, LoadReport};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "salable-load", about = "The bridge under load against the fake Magento, on loopback, bounded.")]
struct Args {
    #[arg(long, default_value_t = 50_000)]
    requests: usize,
    #[arg(long, default_value_t = 200)]
    concurrency: usize,
    #[arg(long, default_value_t = 100)]
    skus: usize,
    /// Also run the pass through Varnish (needs Debian's varnish package).
    #[arg(long)]
    varnish: bool,
    /// The VCL of the Varnish pass.
    #[arg(long, default_value_os_t = fake_magento::varnish::shipped_vcl())]
    vcl: PathBuf,
}

fn print(r: &LoadReport) {
    println!(
        "load through {}: {} requests, {} concurrent clients, {} SKUs, {:.2} s\n  {:.0} req/s  p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms\n  errors {}  bridge requests {}  Magento calls {}",
        r.front,
        r.requests,
        r.concurrency,
        r.skus,
        r.seconds,
        r.per_second,
        r.p50_ms,
        r.p99_ms,
        r.max_ms,
        r.errors,
        r.bridge_requests,
        r.upstream_calls
    );
}

fn main() -> ExitCode {
    let a = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut fronts = vec![Front::Bridge];
    if a.varnish {
        fronts.push(Front::Varnish(a.vcl.clone()));
    }
    let mut failed = false;
    for front in fronts {
        match runtime.block_on(run_through(front, a.requests, a.concurrency.max(1), a.skus.max(1))) {
            Ok(r) => {
                print(&r);
                failed |= r.errors > 0 || r.requests != a.requests;
            }
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
