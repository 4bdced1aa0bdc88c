/** Redis pubsub commands; see the class comments for the exact list. */
package io.bidtrack.engine.command.pubsub;
