/** The RESP wire protocol: request parsing (multibulk and inline) and RESP2/RESP3 reply encoding. */
package io.bidtrack.engine.resp;
