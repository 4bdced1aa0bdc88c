/** MULTI/EXEC state per client and the engine-wide WATCH registry. */
package io.bidtrack.engine.transaction;
