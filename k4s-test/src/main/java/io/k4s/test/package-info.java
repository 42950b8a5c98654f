/**
 * The k4s test kit for worker authors: annotate a JUnit 5 test class with
 * {@link io.k4s.test.K4sTest} to run each test against an in-memory cluster, move its
 * {@link io.k4s.test.TestClock} to fire timers and cron schedules without waiting, read each
 * container's {@link io.k4s.test.CapturedLogs}, and assert with
 * {@link io.k4s.test.K4sAssertions}, whose assertions wait for their condition with a deadline.
 */
package io.k4s.test;
