package web

import (
	"os"
	"runtime/debug"
)

// serverGCPercent is the garbage collector's GOGC for the server: the heap
// may grow to five times what is live before a collection. A page
// allocates about half a megabyte that is garbage once it is sent, and
// the live heap of a server is about 10 MB: with Go's default (100) it
// collected every 20-30 ms under load, 10% of the processor and a
// collection running a third of the time. At 400 the heap stays under
// 100 MB and, measured with scripts/load, the dashboard's requests per
// second rose by a third (docs/web.md).
const serverGCPercent = 400

// SetServerGC sets the garbage collector for serving pages, unless the
// GOGC environment variable chooses it already. It is for reunite serve
// and the load benchmark, which measures what serve does.
func SetServerGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
	}
}
