// restify 11 touches process.binding('http_parser') on import; keep test output about our code.
process.noDeprecation = true;
