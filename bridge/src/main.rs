fn main() -> std::process::ExitCode {
    salable_bridge::cli::main()
}
