//! `salable-load` (`npm run load`, BENCHMARKS.md "Magento bridge load"): the fake Magento with
//! synthetic SKUs and salable-bridge in one process, a bounded number of requests from concurrent
//! clients, then a report. Exits 1 if any request failed.

use clap::Parser;
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
    match runtime.block_on(fake_magento::load::run(a.requests, a.concurrency.max(1), a.skus.max(1))) {
        Ok(r) => {
            println!(
                "load: {} requests, {} concurrent clients, {} SKUs, {:.2} s\n  {:.0} req/s  p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms\n  errors {}  upstream calls {}",
                r.requests, r.concurrency, r.skus, r.seconds, r.per_second, r.p50_ms, r.p99_ms, r.max_ms, r.errors, r.upstream_calls
            );
            if r.errors == 0 && r.requests == a.requests {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
