/** Binary-safe helpers shared by all features: byte-string keys, Redis' integer rules, glob matching. */
package io.bidtrack.engine.bytes;
