// Fixture builders for tests.
