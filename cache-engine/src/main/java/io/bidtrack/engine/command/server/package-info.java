/** Redis server commands; see the class comments for the exact list. */
package io.bidtrack.engine.command.server;
