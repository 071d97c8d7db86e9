module github.com/reunite/reunite

go 1.26
