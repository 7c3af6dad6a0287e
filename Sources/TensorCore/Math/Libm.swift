// The C math library (exp, log, tanh, pow, expm1, log1p, …), imported once for the whole package.
//
// Every module that imports TensorCore sees these functions through the `@_exported` import, so
// no other file needs its own `#if canImport(Glibc)` block. Linux with glibc, Apple platforms
// and musl (static Linux builds) each name the library differently.

#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#elseif canImport(Musl)
@_exported import Musl
#endif
