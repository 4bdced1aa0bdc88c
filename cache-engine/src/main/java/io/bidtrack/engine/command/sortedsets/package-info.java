/** Sorted sets commands. */
package io.bidtrack.engine.command.sortedsets;
