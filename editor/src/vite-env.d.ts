/// <reference types="vite/client" />
declare module 'monaco-editor/nls/lang/zh-cn';
declare module 'monaco-editor/features/register.all';
