// Entry point: the shell paints first; Monaco, the compiler and the runtime load behind it.
import './styles.css';
import './app/kp-app.js';
