use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 3 && args[1] == "repair" {
        let text = std::fs::read_to_string(&args[2]).unwrap();
        let r = molde_codegen::read::recover::recover_indentation(&text);
        print!("{}", r.text);
        for d in &r.diagnostics {
            eprintln!("{}:{} {} {}", d.line, d.column, d.code, d.message);
        }
    }
    ExitCode::SUCCESS
}
