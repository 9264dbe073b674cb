/** Common passwords of 10+ characters, compared in lower case (a shipped list; see password-policy.ts). */
export const COMMON_PASSWORDS: readonly string[] = [
  '1234567890', '0123456789', '12345678910', '1234567891', '0987654321', '1111111111', '0000000000', '1q2w3e4r5t',
  'qwertyuiop', 'asdfghjkl;', 'password12', 'password123', 'password1234', 'a123456789', 'qq12345678', 'woaini1314',
  '5201314520', '1314520520', 'iloveyou12', 'abc1234567', 'abcd123456', 'qwerty1234', '1qaz2wsx3edc', 'zxcvbnm123',
  'admin12345', 'admin123456', 'administrator', 'guanjia123', '88888888888', '6666666666', '9876543210', '147258369a',
];
