# All 10 logits are 0, so softmax gives every class 1/10, the true class too;
# the loss is -ln(1/10) = ln 10.
my_prediction = 2.303
