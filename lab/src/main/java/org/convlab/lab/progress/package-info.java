/**
 * Progress of long work: {@link org.convlab.lab.progress.BarProgress} draws a bar per epoch
 * (me.tongfei:progressbar) with the epoch, iteration, loss, accuracy and ETA when standard
 * error is a terminal; {@link org.convlab.lab.progress.LineProgress} prints a plain line at
 * every validation point otherwise. {@link org.convlab.lab.progress.Progress#create} picks one.
 */
package org.convlab.lab.progress;
