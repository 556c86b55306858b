"""The test kit shared by the tests and the benchmarks: one way to run the app
(`server.AppServer`) and one websocket client that speaks Reflex's protocol
(`reflex_socket.ReflexSocket`)."""
