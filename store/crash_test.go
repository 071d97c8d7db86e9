package store

const crashChildEnv = "REUNITE_STORE_CRASH_CHILD"

func crashChild() int { return 0 }
