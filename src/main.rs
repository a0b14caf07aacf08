fn main() {
    println!("molde");
}
