//! One test per soft rule: the rule decides the case, and without it the case comes out otherwise.
