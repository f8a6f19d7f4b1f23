/** Time comes in through a port so scenarios can run on a fixed clock. */
export interface Clock {
  now(): Date;
}
