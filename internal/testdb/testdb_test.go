package testdb

import (
	"database/sql"
	"testing"
)

func TestCluster(t *testing.T) {
	c, err := Main()
	if err != nil {
		t.Fatal(err)
	}
	if c == nil {
		t.Skip("PostgreSQL not installed")
	}
	defer c.Stop()
	db, err := sql.Open("pgx", c.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var user string
	if err := db.QueryRow("SELECT current_user").Scan(&user); err != nil {
		t.Fatal(err)
	}
	if user != "postgres" {
		t.Errorf("connected as %q", user)
	}
}
