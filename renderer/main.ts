import { mount } from 'svelte';
import App from './App.svelte';
import './shell/theme.css';

// Every module of the first bundle has been evaluated by now (imports run first): the start-up
// benchmark splits the time to the shell into download and compile, evaluation, and rendering.
performance.mark('modules-evaluated');
mount(App, { target: document.getElementById('app')! });
