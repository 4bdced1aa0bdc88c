/** Channel and pattern subscriptions and message fan-out (PUBLISH). */
package io.bidtrack.engine.pubsub;
