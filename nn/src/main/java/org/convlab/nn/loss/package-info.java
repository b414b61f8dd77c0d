/** Losses: {@link org.convlab.nn.loss.CrossEntropyLoss} from logits, with its gradient. */
package org.convlab.nn.loss;
