// Package reunite holds the domain of Reunite: a family's case file (the
// principal refugee or asylee and the relatives they petition for), the
// calendar dates it is written in, and the errors that name the field at
// fault. It imports nothing but the standard library, so that every other
// package (the law engine, the store, the forms, the web application) can
// share these types without depending on each other.
package reunite
